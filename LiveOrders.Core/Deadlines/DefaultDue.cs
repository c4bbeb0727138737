using LiveOrders.Core.Calendar;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Deadlines;

/// <summary>A due time offered to the author, and whether a missing calendar year made it count calendar days.</summary>
public readonly record struct DueSuggestion(DateTime Utc, bool FellBack);

/// <summary>
/// The due time a new order is offered: its type's term (without a type, <see cref="DefaultTerm"/>) counted from
/// today by the production calendar, at the end of the working day, in the municipality's zone. It never falls on a
/// day off: an order written before 4 November is not due on the holiday, nor on a Sunday.
/// </summary>
public static class DefaultDue
{
    public static readonly Term DefaultTerm = new(3, TermKind.WorkingDays);
    public static readonly TimeOnly EndOfDay = new(18, 0);

    /// <summary>The default due date-and-time in local time, from <paramref name="localNow"/>.</summary>
    public static (DateTime Local, bool FellBack) LocalFrom(DateTime localNow, WorkingCalendar calendar, Term? term = null)
    {
        var end = (term ?? DefaultTerm).EndFrom(DateOnly.FromDateTime(localNow), calendar);
        return (end.Day.ToDateTime(EndOfDay), end.FellBack);
    }

    /// <summary>The default due time as stored (UTC).</summary>
    public static DueSuggestion For(MunicipalTime time, WorkingCalendar calendar, Term? term = null)
    {
        var (local, fellBack) = LocalFrom(time.LocalNow, calendar, term);
        return new(time.ToUtc(local), fellBack);
    }
}
