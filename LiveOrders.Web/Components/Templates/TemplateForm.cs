using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Templates;

namespace LiveOrders.Web.Components.Templates;

/// <summary>What the template dialog edits, testable without rendering: filled from a template, an order or the create form.</summary>
public sealed class TemplateForm
{
    public string? Title { get; set; }
    public string? Text { get; set; }
    public IReadOnlyCollection<int> DepartmentIds { get; set; } = [];
    public Priority Priority { get; set; } = Priority.Normal;
    public int TermDays { get; set; } = 5;
    public TermKind TermKind { get; set; } = TermKind.WorkingDays;

    public static TemplateForm From(TemplateContent content) => new()
    {
        Title = content.Title, Text = content.Text, DepartmentIds = content.DepartmentIds.ToList(), Priority = content.Priority,
        TermDays = content.Term.Days, TermKind = content.Term.Kind,
    };

    /// <summary>An order as typed or issued: its due date becomes a term in working days from <paramref name="issuedOn"/>.</summary>
    public static TemplateForm FromOrder(string? title, string? text, IEnumerable<int> departmentIds, Priority priority,
        DateOnly issuedOn, DateOnly? dueDay, WorkingCalendar calendar)
    {
        var term = dueDay is { } due ? TemplateDue.TermUntil(issuedOn, due, calendar) : new Term(5, TermKind.WorkingDays);
        return From(new TemplateContent(title, text, departmentIds.ToList(), priority, term));
    }

    public TemplateContent ToContent() => new(Title, Text, DepartmentIds.ToList(), Priority, new Term(TermDays, TermKind));
}
