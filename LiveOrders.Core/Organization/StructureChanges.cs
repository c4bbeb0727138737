namespace LiveOrders.Core.Organization;

/// <summary>
/// Says that the departments themselves changed (created, renamed, moved in the tree, switched off), so screens
/// that list them (order creation, board titles) reload the list. Changes to a person's rights go through
/// <see cref="ActorDirectory.Invalidate"/> instead. Raised only after the commit.
/// </summary>
public sealed class StructureChanges
{
    public event Action? DepartmentsChanged;

    public void Notify() => DepartmentsChanged?.Invoke();
}
