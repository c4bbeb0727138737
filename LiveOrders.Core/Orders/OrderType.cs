using LiveOrders.Core.Calendar;

namespace LiveOrders.Core.Orders;

/// <summary>
/// A kind of order (вид поручения) with the term its regulation gives — «Обращение гражданина (59-ФЗ)»: 30 days —
/// and whether its reminders and escalations count working time. A type in use is deactivated, never deleted.
/// </summary>
public sealed class OrderType
{
    public const int NameMaxLength = 150;
    public const int MaxTermDays = 365;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public int TermDays { get; private set; }
    public TermKind TermKind { get; private set; }
    /// <summary>Whether the reminder before the due time and the escalation after it count working hours (weekends and holidays skipped).</summary>
    public bool CountsWorkingTime { get; private set; }
    public bool IsActive { get; private set; } = true;

    public Term Term => new(TermDays, TermKind);

    private OrderType() { }

    public OrderType(string? name, Term term, bool countsWorkingTime)
    {
        Change(name, term, countsWorkingTime);
    }

    public void Change(string? name, Term term, bool countsWorkingTime)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) throw new OrderRuleException("Укажите название вида поручения.", "name");
        if (trimmed.Length > NameMaxLength) throw new OrderRuleException($"Название длиннее {NameMaxLength} символов.", "name");
        if (trimmed.Any(char.IsControl)) throw new OrderRuleException("Название содержит недопустимые (управляющие) символы.", "name");
        if (!Enum.IsDefined(term.Kind)) throw new OrderRuleException("Выберите, в каких днях считается срок: рабочих или календарных.", "term");
        if (term.Days is < 1 or > MaxTermDays) throw new OrderRuleException($"Срок — от 1 до {MaxTermDays} дней.", "term");
        (Name, TermDays, TermKind, CountsWorkingTime) = (trimmed, term.Days, term.Kind, countsWorkingTime);
    }

    public void SetActive(bool active) => IsActive = active;

    /// <summary>«10 рабочих дней», «30 календарных дней».</summary>
    public static string Describe(Term term) =>
        $"{term.Days} {Plural(term.Days, term.Kind == TermKind.WorkingDays ? ("рабочий день", "рабочих дня", "рабочих дней") : ("календарный день", "календарных дня", "календарных дней"))}";

    private static string Plural(int n, (string One, string Few, string Many) forms) =>
        (n % 100) is >= 11 and <= 14 ? forms.Many : (n % 10) switch { 1 => forms.One, >= 2 and <= 4 => forms.Few, _ => forms.Many };
}
