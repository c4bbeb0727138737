using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Delays;

/// <summary>
/// The rule for an overdue order: its report (submitting it for review) or an extension request says why it is late,
/// with a reason from the list and words of one's own. The entity enforces it; the dialogs ask it whether to show the list.
/// </summary>
public static class OrderDelay
{
    public const string ReasonMissing = "Срок исполнения истёк: выберите причину просрочки из списка.";
    public const string TextMissing = "Срок исполнения истёк: поясните причину просрочки своими словами.";
    public const string ReasonUnknown = "Такой причины просрочки нет в списке или она больше не используется: выберите другую.";

    /// <summary>The actions that carry a delay reason when the order is late.</summary>
    public static bool Explains(OrderAction action) => action is OrderAction.Submit or OrderAction.RequestExtension;

    /// <summary>Whether <paramref name="action"/> on an order in this state, due then, needs a delay reason now.</summary>
    public static bool Required(OrderAction action, OrderStatus status, DateTime dueAt, DateTime now) =>
        Explains(action) && status.IsAwaitingExecution() && now >= dueAt;
}
