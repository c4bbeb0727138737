using LiveOrders.Core.Calendar;
using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Templates;

public sealed record TemplateDepartment(int Id, string ShortName);

/// <summary>A template as a list or a form shows it, with what the viewer may do with it.</summary>
public sealed record TemplateView(
    int Id,
    string Title,
    string Text,
    IReadOnlyList<TemplateDepartment> Departments,
    Priority Priority,
    Term Term,
    string AuthorName,
    bool CanEdit,
    ScheduleView? Schedule,
    /// <summary>The version an edit starts from: saving refuses if the template has changed since.</summary>
    int Version)
{
    public TemplateContent Content => new(Title, Text, Departments.Select(d => d.Id).ToList(), Priority, Term);
}

/// <summary>A schedule with its next occurrences (local date-times) and the last ones issued.</summary>
public sealed record ScheduleView(
    int Id,
    Recurrence Recurrence,
    bool Paused,
    string OwnerName,
    IReadOnlyList<DateTime> NextLocal,
    IReadOnlyList<OccurrenceView> Recent,
    /// <summary>When it was last set, paused or resumed: a schedule edit starts from it (the schedule has no version).</summary>
    DateTime UpdatedAt);

public sealed record OccurrenceView(DateOnly Date, int? OrderId, string? OrderNumber, string? Failure);

/// <summary>How a term reads: «5 рабочих дней», «30 календарных дней».</summary>
public static class TermText
{
    public static string Of(Term term) =>
        $"{term.Days} {(term.Kind == TermKind.WorkingDays ? Plural(term.Days, "рабочий день", "рабочих дня", "рабочих дней") : Plural(term.Days, "календарный день", "календарных дня", "календарных дней"))}";

    private static string Plural(int n, string one, string few, string many) =>
        (n % 100) is >= 11 and <= 14 ? many : (n % 10) switch { 1 => one, >= 2 and <= 4 => few, _ => many };
}
