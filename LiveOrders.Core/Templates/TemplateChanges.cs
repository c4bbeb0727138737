namespace LiveOrders.Core.Templates;

/// <summary>A template, its schedule or the occurrences it issued changed; whom it concerns is whom the template is shared with.</summary>
public sealed record TemplateChanged(int TemplateId, int AuthorId, int DepartmentId);

/// <summary>
/// Says that a template changed (saved, deleted, its schedule set, paused, resumed or ended, an occurrence issued or
/// refused), so that open templates pages reload. In process, like <see cref="Organization.StructureChanges"/>: the
/// order feed carries orders only, and a template edit is not one. Raised only after the commit; handlers must
/// neither block nor throw (a page hands the reload to its renderer).
/// </summary>
public sealed class TemplateChanges
{
    public event Action<TemplateChanged>? Changed;

    public void Notify(OrderTemplate template) => Changed?.Invoke(new TemplateChanged(template.Id, template.AuthorId, template.DepartmentId));
}
