using LiveOrders.Core.Orders;

namespace LiveOrders.Web.Components.Board;

/// <summary>A row of the board: the whole board, or one executor's cards in swimlane mode.</summary>
/// <param name="Key">Tells the lanes apart (the executor's id, or none for the whole board and for cards nobody holds).</param>
public sealed record BoardLane(string? Title, string Key, IReadOnlyList<BoardColumn> Columns)
{
    public int Count => Columns.Sum(c => c.Count);
}

/// <summary>One column of a lane: the cards shown (up to the page size) out of how many match.</summary>
public sealed record BoardColumn(OrderStatus Status, string Title, IReadOnlyList<OrderListItem> Cards, int Count)
{
    /// <summary>Matching cards not rendered yet: «Показать ещё».</summary>
    public int Hidden => Count - Cards.Count;
}
