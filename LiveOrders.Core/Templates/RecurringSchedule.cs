using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Templates;

/// <summary>
/// Issues its template as a normal order at each occurrence of its <see cref="Recurrence"/>, authored by its
/// <see cref="OwnerId"/> (who set it). Each occurrence is recorded (<see cref="ScheduleOccurrence"/>) with its order.
/// </summary>
public sealed class RecurringSchedule
{
    public int Id { get; private set; }
    public int TemplateId { get; private set; }
    public int OwnerId { get; private set; }
    public RecurrenceKind Kind { get; private set; }
    public int Number { get; private set; }
    public DayOfWeek Weekday { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public TimeOnly TimeOfDay { get; private set; }
    public bool Paused { get; private set; }
    /// <summary>
    /// Occurrences before this instant are never issued: those before the schedule was set or resumed (a pause
    /// skips its occurrences rather than issuing them all when lifted).
    /// </summary>
    public DateTime ActiveFrom { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public Recurrence Recurrence => new(Kind, Number, Weekday, StartDate, EndDate, TimeOfDay);

    private RecurringSchedule() { }

    public static RecurringSchedule Create(int templateId, int ownerId, Recurrence recurrence, DateTime now)
    {
        var schedule = new RecurringSchedule { TemplateId = templateId };
        schedule.Set(ownerId, recurrence, now);
        return schedule;
    }

    /// <summary>Sets the rule; whoever sets it becomes the author of its orders. Throws <see cref="OrderRuleException"/>.</summary>
    public void Set(int ownerId, Recurrence recurrence, DateTime now)
    {
        if (recurrence.Refusal() is { } refusal) throw new OrderRuleException(refusal, "schedule");
        OwnerId = ownerId;
        Kind = recurrence.Kind;
        Number = recurrence.Kind == RecurrenceKind.Weekly ? 0 : recurrence.Number;
        Weekday = recurrence.Kind == RecurrenceKind.Weekly ? recurrence.Weekday : DayOfWeek.Monday;
        StartDate = recurrence.Start;
        EndDate = recurrence.End;
        TimeOfDay = recurrence.TimeOfDay;
        ActiveFrom = now;
        UpdatedAt = now;
    }

    public void Pause(DateTime now)
    {
        Paused = true;
        UpdatedAt = now;
    }

    public void Resume(DateTime now)
    {
        if (!Paused) return;
        Paused = false;
        ActiveFrom = now;
        UpdatedAt = now;
    }
}
