namespace LiveOrders.Core.Orders;

/// <summary>What the author fills in. Dates are UTC.</summary>
public sealed record OrderDraft(
    string? Title,
    string? Text,
    int ExecutingDepartmentId,
    Priority Priority,
    DateTime DueAt,
    bool OnControl = false,
    int? ResponsibleId = null,
    int? ParentId = null,
    int? TypeId = null,
    int? ControllerId = null,
    bool ContainsPersonalData = false);
