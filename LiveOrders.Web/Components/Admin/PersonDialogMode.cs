namespace LiveOrders.Web.Components.Admin;

/// <summary>What the person dialog offers: every field, or only the department, or only the role.</summary>
public enum PersonDialogMode
{
    Edit,
    Move,
    Role,
}
