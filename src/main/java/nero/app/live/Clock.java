package nero.app.live;

/** Time for latencies and pacing; tests use a clock they move by hand. */
interface Clock {
    long nanoTime();

    Clock SYSTEM = System::nanoTime;
}
