"""The linear probe's scikit-learn reference fixtures are what Debian's python3-sklearn gives today."""
import json
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import make_probe_fixtures as fixtures  # noqa: E402

try:
    import sklearn  # noqa: F401
    HAVE_SKLEARN = True
except ImportError:
    HAVE_SKLEARN = False
REQUIRED = os.environ.get("NERO_REQUIRE_FULL_TESTS") == "1"


@unittest.skipUnless(HAVE_SKLEARN or REQUIRED, "python3-sklearn is not installed")
class ProbeReferenceTest(unittest.TestCase):
    def test_committed_fixtures_match_scikit_learn(self):
        for name in fixtures.CASES:
            with self.subTest(case=name):
                x, labels = fixtures.read_features(os.path.join(fixtures.OUT, f"{name}-features.csv"))
                with open(os.path.join(fixtures.OUT, f"{name}-expected.json")) as f:
                    committed = json.load(f)
                fresh = fixtures.reference(x, labels, committed["C"])
                self.assertEqual(fresh["predictions"], committed["predictions"])
                np.testing.assert_allclose(fresh["coefficients"], committed["coefficients"], rtol=0, atol=1e-6)
                np.testing.assert_allclose(fresh["intercepts"], committed["intercepts"], rtol=0, atol=1e-6)
                self.assertGreater(fresh["smallest_margin"], 1e-3)

    def test_the_fixture_objective_is_at_its_minimum(self):
        """The gradient of C·Σ log-loss + ½‖W‖² (intercepts free) vanishes at the committed solution."""
        from sklearn.preprocessing import StandardScaler
        for name in fixtures.CASES:
            with self.subTest(case=name):
                x, labels = fixtures.read_features(os.path.join(fixtures.OUT, f"{name}-features.csv"))
                with open(os.path.join(fixtures.OUT, f"{name}-expected.json")) as f:
                    committed = json.load(f)
                z = StandardScaler().fit_transform(x.astype(np.float64))
                w, b = np.array(committed["coefficients"]), np.array(committed["intercepts"])
                logits = z @ w.T + b
                p = np.exp(logits - logits.max(axis=1, keepdims=True))
                p /= p.sum(axis=1, keepdims=True)
                residual = p - np.eye(w.shape[0])[labels]
                grad_w = committed["C"] * residual.T @ z + w
                grad_b = committed["C"] * residual.sum(axis=0)
                self.assertLess(np.abs(grad_w).max(), 1e-3)
                self.assertLess(np.abs(grad_b).max(), 1e-3)


if __name__ == "__main__":
    unittest.main()
