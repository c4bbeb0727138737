namespace LiveOrders.Core.Orders;

/// <summary>
/// A comment on an order. Kept apart from the order's own row so that commenting never
/// conflicts with a concurrent transition (it does not bump the order's version).
/// </summary>
public sealed class OrderComment
{
    public const int MaxLength = 10_000;

    public long Id { get; private set; }
    public int OrderId { get; private set; }
    public int AuthorId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    private OrderComment() { }

    public static OrderComment Create(int orderId, int authorId, string? text, DateTime now)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
            throw new OrderRuleException("Комментарий пуст.", "text");
        if (trimmed.Length > MaxLength)
            throw new OrderRuleException($"Комментарий длиннее {MaxLength:N0} символов ({trimmed.Length:N0}).", "text");
        return new OrderComment { OrderId = orderId, AuthorId = authorId, Text = trimmed, CreatedAt = now };
    }
}
