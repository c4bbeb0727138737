using LiveOrders.Core.Orders;

namespace LiveOrders.Web.Infrastructure;

/// <summary>An option of a drop-down: the Russian text and the value behind it.</summary>
public sealed record Choice<T>(string Text, T Value);

public static class Choices
{
    public static readonly IReadOnlyList<Choice<OrderStatus?>> Statuses =
        Enum.GetValues<OrderStatus>().Select(s => new Choice<OrderStatus?>(s.Russian(), s)).ToArray();

    public static readonly IReadOnlyList<Choice<Priority>> Priorities =
        Enum.GetValues<Priority>().Select(p => new Choice<Priority>(p.Russian(), p)).ToArray();

    public static readonly IReadOnlyList<Choice<Priority?>> OptionalPriorities =
        Enum.GetValues<Priority>().Select(p => new Choice<Priority?>(p.Russian(), p)).ToArray();
}
