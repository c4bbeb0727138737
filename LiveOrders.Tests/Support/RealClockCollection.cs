namespace LiveOrders.Tests.Support;

/// <summary>
/// Tests that hold the real clock to a limit (the deadline watcher's second). They run apart from the
/// parallel test classes and, from test.sh, in a test process of their own: in the process that has just
/// run five hundred other tests (browsers, app hosts, their threads and heaps) one order was once stamped
/// 1.9 s late, which measured the neighbours, not the watcher.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealClockCollection
{
    public const string Name = "RealClock";
    public const string Trait = "Clock";
}
