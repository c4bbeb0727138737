namespace LiveOrders.Core.Templates;

/// <summary>
/// One occurrence of a schedule, recorded in the transaction that creates its order. Unique by schedule and date, so
/// a second node, a restart or a retried pass that tries the same occurrence fails and rolls its order back.
/// </summary>
public sealed class ScheduleOccurrence
{
    public const int FailureMaxLength = 500;

    public long Id { get; private set; }
    public int ScheduleId { get; private set; }
    /// <summary>The local date of the occurrence.</summary>
    public DateOnly Date { get; private set; }
    /// <summary>The first of the orders created (one per executing department); null when it could not be created.</summary>
    public int? OrderId { get; private set; }
    /// <summary>Why no order was created (the owner left, a department closed), so that it is shown and not retried forever.</summary>
    public string? Failure { get; private set; }
    public DateTime CreatedAt { get; private set; }

    private ScheduleOccurrence() { }

    public static ScheduleOccurrence Created(int scheduleId, DateOnly date, int orderId, DateTime now) =>
        new() { ScheduleId = scheduleId, Date = date, OrderId = orderId, CreatedAt = now };

    public static ScheduleOccurrence Failed(int scheduleId, DateOnly date, string failure, DateTime now) =>
        new() { ScheduleId = scheduleId, Date = date, Failure = failure.Length > FailureMaxLength ? failure[..FailureMaxLength] : failure, CreatedAt = now };
}
