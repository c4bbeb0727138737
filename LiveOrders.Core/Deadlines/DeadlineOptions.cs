namespace LiveOrders.Core.Deadlines;

/// <summary>"Deadlines" in appsettings.json.</summary>
public sealed class DeadlineOptions
{
    /// <summary>How long before the due time the executor is reminded.</summary>
    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an order may stay overdue before the curating deputy head is told.</summary>
    public TimeSpan EscalateToCuratorAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Orders handled per transaction when many fall due at once.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>The longest the watcher sleeps without looking again: a guard against clock jumps, not the way it finds deadlines.</summary>
    public TimeSpan MaxSleep { get; set; } = TimeSpan.FromMinutes(5);
}
