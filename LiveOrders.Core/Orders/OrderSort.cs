namespace LiveOrders.Core.Orders;

/// <summary>What an order list is sorted by; the list sorts in the database, page by page.</summary>
public enum OrderSortKey
{
    /// <summary>Open orders first, then by due date: what needs doing soonest on top.</summary>
    Default,
    Number,
    Title,
    Status,
    Priority,
    DueAt,
    ExecutingDepartment,
    Responsible,
}

public sealed record OrderSort(OrderSortKey Key = OrderSortKey.Default, bool Descending = false)
{
    public static readonly OrderSort Default = new();

    /// <summary>A grid column's name (the property it shows) as a sort key; an unknown name sorts by default.</summary>
    public static OrderSort ByColumn(string? column, bool descending) =>
        new(Enum.TryParse<OrderSortKey>(column, out var key) ? key : OrderSortKey.Default, descending);
}
