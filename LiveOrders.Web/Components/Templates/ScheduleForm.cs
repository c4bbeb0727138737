using LiveOrders.Core.Templates;

namespace LiveOrders.Web.Components.Templates;

/// <summary>What the schedule dialog edits: the pickers' values, turned into a <see cref="Recurrence"/> when complete.</summary>
public sealed class ScheduleForm
{
    public RecurrenceKind Kind { get; set; } = RecurrenceKind.MonthlyWorkingDay;
    public int Number { get; set; } = 5;
    public DayOfWeek Weekday { get; set; } = DayOfWeek.Monday;
    public DateTime? Start { get; set; }
    public DateTime? End { get; set; }
    public TimeSpan? Time { get; set; } = new(9, 0, 0);

    public static ScheduleForm From(Recurrence r) => new()
    {
        Kind = r.Kind, Number = r.Kind == RecurrenceKind.Weekly ? 5 : r.Number, Weekday = r.Weekday,
        Start = r.Start.ToDateTime(TimeOnly.MinValue), End = r.End?.ToDateTime(TimeOnly.MinValue), Time = r.TimeOfDay.ToTimeSpan(),
    };

    /// <summary>Why the form is not complete, or null.</summary>
    public string? Missing => Start is null ? "Укажите дату начала." : Time is null ? "Укажите время создания поручения." : null;

    public Recurrence? ToRecurrence() => Missing is not null ? null : new Recurrence(Kind, Number, Weekday,
        DateOnly.FromDateTime(Start!.Value), End is { } end ? DateOnly.FromDateTime(end) : null, TimeOnly.FromTimeSpan(Time!.Value));

    public static readonly IReadOnlyList<(RecurrenceKind Kind, string Text)> Kinds =
    [
        (RecurrenceKind.MonthlyWorkingDay, "Ежемесячно, N-й рабочий день"),
        (RecurrenceKind.MonthlyDay, "Ежемесячно, число месяца"),
        (RecurrenceKind.Weekly, "Еженедельно, день недели"),
        (RecurrenceKind.EveryWorkingDays, "Каждые N рабочих дней"),
    ];

    public static readonly IReadOnlyList<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public string NumberLabel => Kind switch
    {
        RecurrenceKind.MonthlyWorkingDay => "Рабочий день месяца (1–23)",
        RecurrenceKind.MonthlyDay => "Число месяца (1–31)",
        _ => "Через сколько рабочих дней",
    };
}
