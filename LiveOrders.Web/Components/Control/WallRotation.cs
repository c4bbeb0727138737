using LiveOrders.Core.Orders;

namespace LiveOrders.Web.Components.Control;

/// <summary>Which department the wall shows next.</summary>
public static class WallRotation
{
    public static int? Next(IReadOnlyList<DepartmentRef> scope, int? current)
    {
        if (scope.Count == 0) return null;
        var index = scope.Select(d => d.Id).ToList().IndexOf(current ?? -1);
        return scope[(index + 1) % scope.Count].Id;
    }
}
