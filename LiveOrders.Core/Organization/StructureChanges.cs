namespace LiveOrders.Core.Organization;

/// <summary>
/// Says that the departments themselves changed (created, renamed, moved in the tree, switched off), so screens
/// that list them (order creation, board titles) reload the list. Changes to a person's rights go through
/// <see cref="ActorDirectory.Invalidate"/> instead. Raised only after the commit; on several nodes the change made here
/// also goes to the others (<see cref="NotifiedHere"/>, carried by the cross-node feed's relay).
/// </summary>
public sealed class StructureChanges
{
    public event Action? DepartmentsChanged;

    /// <summary>Raised for a change made on this node, for the relay to tell the other nodes.</summary>
    public event Action? NotifiedHere;

    public void Notify()
    {
        NotifyFromElsewhere();
        NotifiedHere?.Invoke();
    }

    /// <summary>A change another node made: this node's screens reload, nobody else is told again.</summary>
    public void NotifyFromElsewhere() => DepartmentsChanged?.Invoke();
}
