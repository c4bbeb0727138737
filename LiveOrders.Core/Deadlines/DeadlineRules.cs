using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;
using Microsoft.Extensions.Options;

namespace LiveOrders.Core.Deadlines;

/// <summary>
/// The one place that decides an order's urgency and the instants of its reminder and escalation. "Due soon" starts
/// when the executor is reminded (<see cref="DeadlineOptions.ReminderLead"/>), so the screens, the reminder and the
/// watcher agree. An order whose type counts working time (<see cref="OrderType.CountsWorkingTime"/>) is reminded
/// and escalated after that much <see cref="WorkingTime"/>, by the calendar in force, in the municipality's zone.
/// </summary>
public sealed class DeadlineRules(IOptions<DeadlineOptions> options, IWorkingCalendarSource calendars, MunicipalTime time)
{
    public TimeSpan ReminderLead => options.Value.ReminderLead;
    public TimeSpan EscalationDelay => options.Value.EscalateToCuratorAfter;

    /// <summary>
    /// How pressing the order is at <paramref name="nowUtc"/>: amber from its reminder instant (<see cref="ReminderAt"/>,
    /// in working time for a working-time type), red from its due time.
    /// </summary>
    public Urgency UrgencyOf(OrderStatus status, DateTime dueUtc, bool workingTime, DateTime nowUtc)
    {
        if (!status.IsAwaitingExecution()) return Urgency.None;
        if (nowUtc >= dueUtc) return Urgency.Overdue;
        return nowUtc >= ReminderAt(dueUtc, workingTime) ? Urgency.DueSoon : Urgency.None;
    }

    public Urgency UrgencyOf(OrderListItem card, DateTime nowUtc) => UrgencyOf(card.Status, card.DueAt, card.CountsWorkingTime, nowUtc);

    /// <summary>The next instant after <paramref name="nowUtc"/> at which this order's urgency changes by itself, if any.</summary>
    public DateTime? NextChange(OrderStatus status, DateTime dueUtc, bool workingTime, DateTime nowUtc)
    {
        if (!status.IsAwaitingExecution()) return null;
        var soon = ReminderAt(dueUtc, workingTime);
        if (nowUtc < soon) return soon;
        return nowUtc < dueUtc ? dueUtc : null;
    }

    public DateTime? NextChange(OrderListItem card, DateTime nowUtc) => NextChange(card.Status, card.DueAt, card.CountsWorkingTime, nowUtc);

    /// <summary>When the executor is reminded of an order due at <paramref name="dueUtc"/>.</summary>
    public DateTime ReminderAt(DateTime dueUtc, bool workingTime) =>
        workingTime ? InLocal(dueUtc, d => WorkingTime.Before(d, ReminderLead, calendars.Current)) : dueUtc - ReminderLead;

    /// <summary>The latest due time whose reminder is due by <paramref name="nowUtc"/>: <c>ReminderAt(due) ≤ now ⇔ due ≤ this</c>.</summary>
    public DateTime RemindedDueUpTo(DateTime nowUtc, bool workingTime) =>
        workingTime ? InLocal(nowUtc, n => WorkingTime.LatestEndWithin(n, ReminderLead, calendars.Current)) : nowUtc + ReminderLead;

    /// <summary>When an order due at <paramref name="dueUtc"/> and still overdue is escalated to the curating deputy head.</summary>
    public DateTime EscalationAt(DateTime dueUtc, bool workingTime) =>
        workingTime ? InLocal(dueUtc, d => WorkingTime.After(d, EscalationDelay, calendars.Current)) : dueUtc + EscalationDelay;

    /// <summary>The latest due time whose escalation is due by <paramref name="nowUtc"/>: <c>EscalationAt(due) ≤ now ⇔ due ≤ this</c>.</summary>
    public DateTime EscalatedDueUpTo(DateTime nowUtc, bool workingTime) =>
        workingTime ? InLocal(nowUtc, n => WorkingTime.LatestStartBefore(n, EscalationDelay, calendars.Current)) : nowUtc - EscalationDelay;

    private DateTime InLocal(DateTime utc, Func<DateTime, DateTime> local)
    {
        // Far ends (DateTime.MinValue/MaxValue stand-ins) stay as they are rather than overflow in the zone's offset.
        if (utc < DateTime.MinValue.AddDays(2) || utc > DateTime.MaxValue.AddDays(-400)) return utc;
        return time.ToUtc(local(time.ToLocal(utc)));
    }
}
