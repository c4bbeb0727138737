using LiveOrders.Core.Organization;

namespace LiveOrders.Core.Orders;

/// <summary>Who may attach files to an order and who may remove them.</summary>
public static partial class OrderPolicy
{
    /// <summary>
    /// Whoever may comment on the order (or, on a draft, edit it) may attach files to it, while it is open: a report's
    /// act, a photo, a reply. A closed order's files are its record.
    /// </summary>
    public static bool CanAttach(Actor actor, Order order) =>
        order.Status.IsOpen() && (Can(actor, order, OrderAction.Comment) || Can(actor, order, OrderAction.EditDraft));

    /// <summary>The one who attached the file, or the order's author, while the order is open.</summary>
    public static bool CanRemoveAttachment(Actor actor, Order order, int uploadedById) =>
        CanAttach(actor, order) && (uploadedById == actor.EmployeeId || order.AuthorId == actor.EmployeeId);

    public static string AttachRefusal(Actor actor, Order order) => order.Status.IsOpen()
        ? Refusal(actor, order, order.Status == OrderStatus.Draft ? OrderAction.EditDraft : OrderAction.Comment)
        : $"Поручение в статусе «{order.Status.Russian()}»: файлы к нему больше не прикладываются.";

    public const string RemoveRefusal = "Удалить файл может только тот, кто его приложил, или автор поручения, пока поручение не закрыто.";
}
