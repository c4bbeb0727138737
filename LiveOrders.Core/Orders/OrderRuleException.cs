namespace LiveOrders.Core.Orders;

/// <summary>A rule of the order refused a change. The message is Russian and shown to the person as is.</summary>
public sealed class OrderRuleException(string message, string? field = null) : Exception(message)
{
    /// <summary>The input field the refusal is about, so the UI can show it next to that field.</summary>
    public string? Field { get; } = field;
}
