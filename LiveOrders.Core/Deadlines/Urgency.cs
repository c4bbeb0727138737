namespace LiveOrders.Core.Deadlines;

/// <summary>How pressing an order's deadline is: shown amber (due soon) or red (overdue) everywhere.</summary>
public enum Urgency
{
    None,
    DueSoon,
    Overdue,
}
