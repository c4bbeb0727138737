namespace LiveOrders.Tests.Support;

/// <summary>
/// Tests that hold the real clock to a limit (the deadline watcher's second) run apart from the parallel
/// test classes: on two shared cores the limit should measure the watcher, not the neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealClockCollection
{
    public const string Name = "real clock";
}
