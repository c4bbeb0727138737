using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Templates;

/// <summary>
/// A saved order to issue again: title, text, executing departments, priority and a term. It belongs to its author's
/// department (<see cref="TemplatePolicy"/>); a <see cref="RecurringSchedule"/> on it issues it by itself.
/// </summary>
public sealed class OrderTemplate
{
    public const int MaxTermDays = 365;

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    public List<int> DepartmentIds { get; private set; } = [];
    public Priority Priority { get; private set; }
    public int TermDays { get; private set; }
    public TermKind TermKind { get; private set; }
    public int AuthorId { get; private set; }
    /// <summary>The author's department when it was saved: the department shares it.</summary>
    public int DepartmentId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }
    public RecurringSchedule? Schedule { get; private set; }

    public Term Term => new(TermDays, TermKind);

    private OrderTemplate() { }

    public static OrderTemplate Create(TemplateContent content, int authorId, int departmentId, DateTime now)
    {
        var template = new OrderTemplate { AuthorId = authorId, DepartmentId = departmentId, CreatedAt = now };
        template.Update(content, now);
        return template;
    }

    /// <summary>Replaces the content, checked as an order's is (the due date aside); throws <see cref="OrderRuleException"/>.</summary>
    public void Update(TemplateContent content, DateTime now)
    {
        // The order's own checks for title, text and priority; a due date tomorrow stands in for the term.
        var (title, text) = Order.CheckDraft(new OrderDraft(content.Title, content.Text, 0, content.Priority, now.AddDays(1)), now);
        var departments = content.DepartmentIds.Distinct().ToList();
        if (departments.Count == 0) throw new OrderRuleException("Выберите хотя бы одно подразделение-исполнителя.", "departments");
        if (!Enum.IsDefined(content.Term.Kind)) throw new OrderRuleException("Неизвестный вид срока.", "term");
        if (content.Term.Days is < 1 or > MaxTermDays)
            throw new OrderRuleException($"Срок исполнения — от 1 до {MaxTermDays} дней.", "term");
        Title = title;
        Text = text;
        DepartmentIds = departments;
        Priority = content.Priority;
        TermDays = content.Term.Days;
        TermKind = content.Term.Kind;
        UpdatedAt = now;
        Version++;
    }

    public TemplateContent Content => new(Title, Text, DepartmentIds, Priority, Term);
}
