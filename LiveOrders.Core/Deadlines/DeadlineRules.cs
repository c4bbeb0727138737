using LiveOrders.Core.Orders;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Deadlines;

/// <summary>
/// The one place that decides an order's urgency. "Due soon" starts when the executor is reminded
/// (<see cref="DeadlineOptions.ReminderLead"/>), so the screens, the reminder and the watcher agree.
/// </summary>
public sealed class DeadlineRules(IOptions<DeadlineOptions> options)
{
    public TimeSpan ReminderLead => options.Value.ReminderLead;

    public Urgency UrgencyOf(OrderStatus status, DateTime dueUtc, DateTime nowUtc)
    {
        if (!status.IsAwaitingExecution()) return Urgency.None;
        if (nowUtc >= dueUtc) return Urgency.Overdue;
        return nowUtc >= dueUtc - ReminderLead ? Urgency.DueSoon : Urgency.None;
    }

    /// <summary>The next instant after <paramref name="nowUtc"/> at which this order's urgency changes by itself, if any.</summary>
    public DateTime? NextChange(OrderStatus status, DateTime dueUtc, DateTime nowUtc)
    {
        if (!status.IsAwaitingExecution()) return null;
        var soon = dueUtc - ReminderLead;
        if (nowUtc < soon) return soon;
        return nowUtc < dueUtc ? dueUtc : null;
    }
}
