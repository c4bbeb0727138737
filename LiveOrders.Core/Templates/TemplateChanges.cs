namespace LiveOrders.Core.Templates;

/// <summary>A template, its schedule or the occurrences it issued changed; whom it concerns is whom the template is shared with.</summary>
public sealed record TemplateChanged(int TemplateId, int AuthorId, int DepartmentId);

/// <summary>
/// Says that a template changed (saved, deleted, its schedule set, paused, resumed or ended, an occurrence issued or
/// refused), so that open templates pages reload. Not on the order feed, which carries orders only (a template edit is not
/// one); on several nodes a change made here also goes to the others (<see cref="NotifiedHere"/>, carried by the
/// cross-node feed's relay), like <see cref="Organization.StructureChanges"/>. Raised only after the commit; handlers must
/// neither block nor throw (a page hands the reload to its renderer).
/// </summary>
public sealed class TemplateChanges
{
    public event Action<TemplateChanged>? Changed;

    /// <summary>Raised for a change made on this node, for the relay to tell the other nodes.</summary>
    public event Action<TemplateChanged>? NotifiedHere;

    public void Notify(OrderTemplate template)
    {
        var change = new TemplateChanged(template.Id, template.AuthorId, template.DepartmentId);
        NotifyFromElsewhere(change);
        NotifiedHere?.Invoke(change);
    }

    /// <summary>A change another node made: this node's pages reload, nobody else is told again.</summary>
    public void NotifyFromElsewhere(TemplateChanged change) => Changed?.Invoke(change);
}
