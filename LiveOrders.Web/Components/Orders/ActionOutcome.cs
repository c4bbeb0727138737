using LiveOrders.Core;
using LiveOrders.Core.Orders;

namespace LiveOrders.Web.Components.Orders;

/// <summary>What the server said to an action a person took on the order page.</summary>
public sealed record ActionOutcome(OrderAction Action, Result Result);
