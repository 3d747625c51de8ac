package nero.core;

/**
 * The LRP rule at the head. The denominator of class c is {@code logit_c + ε} ({@code signAware = false}, as the
 * authors' code adds ε without a sign) or {@code logit_c + ε·sign(logit_c)} ({@code signAware = true}, the
 * textbook LRP-ε, with sign(0) = +1).
 */
public record RelevanceRule(double epsilon, boolean signAware) {
    public RelevanceRule {
        if (!Double.isFinite(epsilon) || epsilon < 0) {
            throw new InvalidInputException("relevance epsilon must be a finite number ≥ 0, got " + epsilon);
        }
    }

    /** ε = 0 (LRP-0), exactly what the authors' code runs. */
    public static RelevanceRule authors() {
        return new RelevanceRule(0, false);
    }

    double denominator(double logit) {
        if (!signAware) {
            return logit + epsilon;
        }
        return logit + (logit >= 0 ? epsilon : -epsilon);
    }
}
