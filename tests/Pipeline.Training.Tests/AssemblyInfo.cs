// libtorch's random generator is process-wide and the trainers seed it per step: tests that train must not run in
// parallel, or one test's draws land between another's seed and its use (seen as a flaky exact-resume test).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
