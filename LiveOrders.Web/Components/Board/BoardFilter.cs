using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;

namespace LiveOrders.Web.Components.Board;

/// <summary>The board's filters, applied to the cards it already holds (no query per click).</summary>
public sealed record BoardFilter(
    bool Mine = false,
    bool Overdue = false,
    Priority? Priority = null,
    bool DueThisWeek = false,
    int? ExecutorId = null,
    bool Swimlanes = false)
{
    /// <param name="urgency">The card's urgency now (<see cref="DeadlineRules"/>), so "overdue" means what the red card means.</param>
    public bool Matches(OrderListItem card, int me, Urgency urgency, MunicipalTime time)
    {
        if (Mine && card.ResponsibleId != me) return false;
        if (Overdue && urgency != Urgency.Overdue) return false;
        if (Priority is { } p && card.Priority != p) return false;
        if (ExecutorId is { } e && card.ResponsibleId != e) return false;
        if (DueThisWeek)
        {
            var today = time.LocalNow.Date;
            var endOfWeek = today.AddDays(7 - ((int)today.DayOfWeek + 6) % 7);   // next Monday 00:00
            if (time.ToLocal(card.DueAt) >= endOfWeek) return false;
        }
        return true;
    }
}
