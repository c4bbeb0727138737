using LiveOrders.Core.Orders;

namespace LiveOrders.Web.Components.Board;

/// <summary>What a drop asks for: a command to send to the service, a refusal to show, or neither.</summary>
public sealed record BoardMove(OrderCommand? Command, string? Refusal)
{
    public static readonly BoardMove None = new(null, null);
}
