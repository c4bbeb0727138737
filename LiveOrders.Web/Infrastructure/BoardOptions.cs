using LiveOrders.Core.Orders;

namespace LiveOrders.Web.Infrastructure;

/// <summary>Board settings from appsettings.json ("Board").</summary>
public sealed class BoardOptions
{
    /// <summary>Optional work-in-progress limit per column; past it the column shows a warning.</summary>
    public Dictionary<OrderStatus, int> WipLimits { get; set; } = [];

    /// <summary>Cards rendered per column before "show more": keeps a board of hundreds of orders smooth.</summary>
    public int CardsPerColumn { get; set; } = 40;
}
