namespace LiveOrders.Core.Orders;

/// <summary>
/// The rules that tie a sub-order to its parent: a sub-order is due no later than its parent, and a parent is
/// approved over open sub-orders only when the approver says why. Each returns the refusal in words, or null.
/// </summary>
public static class SubOrderRules
{
    /// <summary>A sub-order (or its extension) may not outlast the parent: the parent's report would be due before its part is.</summary>
    public static string? DueAtRefusal(DateTime dueAt, DateTime parentDueAt, TimeZoneInfo zone)
    {
        var due = dueAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dueAt, DateTimeKind.Utc) : dueAt.ToUniversalTime();
        return due <= parentDueAt
            ? null
            : $"Срок подпоручения не может быть позже срока родительского поручения ({TimeZoneInfo.ConvertTimeFromUtc(parentDueAt, zone):dd.MM.yyyy HH:mm}).";
    }

    /// <summary>
    /// Approving a parent closes it while <paramref name="openSubOrders"/> of its parts are still open: allowed only with
    /// a reason, which is then recorded in the parent's history.
    /// </summary>
    public static string? ApprovalRefusal(int openSubOrders, string? reason) =>
        openSubOrders == 0 || !string.IsNullOrWhiteSpace(reason)
            ? null
            : $"Не завершено подпоручений: {openSubOrders}. Чтобы принять результат, подтвердите и укажите причину.";
}
