namespace LiveOrders.Core.Orders;

public enum Priority
{
    Low,
    Normal,
    High,
    Urgent,
}
