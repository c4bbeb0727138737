namespace LiveOrders.Bench.Reports;

/// <summary>
/// The benchmark's «now»: one fixed instant, so that every run sees the same open and overdue orders
/// and the same periods whatever the day it runs.
/// </summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
