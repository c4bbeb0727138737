namespace LiveOrders.Core.Reports;

/// <summary>
/// A department's parts of the index, each from 0 (worst) to 1 (best), or null when its figures say nothing about it
/// (nothing done, nothing received, nothing accepted, no marks).
/// </summary>
public sealed record RatingComponents(double? OnTime, double? NoOverdue, double? AcceptSpeed, double? NoReturns, double? Quality);

/// <summary>One part of the index: its letter in the formula, its name, weight and definition (Russian, as shown).</summary>
public sealed record RatingPart(string Letter, string Name, double Weight, string Definition);

/// <summary>A department in the rating: its place (shared on a tie) and index 0–100, or neither when it is not rated.</summary>
public sealed record RatedDepartment(int? Place, DepartmentFigures Figures, double? Index, RatingComponents Components)
{
    public bool IsRated => Index is not null;
}

/// <summary>
/// The department rating the seeds ask for («рейтинг подразделений»), a pure function of the report's figures.
/// The index is a weighted mean of five parts that each reward what the effectiveness criteria name — orders done on
/// time, nothing overdue, quick acceptance, few returns, good marks — with absolute scales, so a department's index does
/// not depend on which others are chosen with it:
/// <list type="bullet">
/// <item>С, on time: done on time ÷ done (none done: no part);</item>
/// <item>П, nothing overdue: 1 − overdue now ÷ received, not below 0 (none received: no part);</item>
/// <item>Б, quick acceptance: 24 h ÷ (24 h + median time to accept) — 1 at once, ½ after a day, ¼ after three (none accepted: no part);</item>
/// <item>В, no returns: 1 − returns ÷ (done + returns), the share of results accepted the first time (neither: no part);</item>
/// <item>К, quality: (mean mark − 1) ÷ 4 (no marks: no part).</item>
/// </list>
/// Index = 100 × Σ weight × part ÷ Σ weight over the parts there are, rounded to 0.1; weights 0.40, 0.25, 0.15, 0.10, 0.10.
/// A department that neither received nor completed anything in the period is not rated and goes last. Equal indices
/// share a place (1, 1, 3), listed by name.
/// </summary>
public static class DepartmentRating
{
    /// <summary>The parts in the formula's order, with their letters, weights and definitions as the page and the exports state them.</summary>
    public static readonly IReadOnlyList<RatingPart> Parts =
    [
        new("С", "в срок", 0.40, "доля исполненных в срок среди исполненных за период"),
        new("П", "без просрочки", 0.25, "1 − просрочено сейчас ÷ поступило за период, не меньше 0"),
        new("Б", "быстрота принятия", 0.15, "24 ч ÷ (24 ч + медиана времени принятия): сразу — 1, через сутки — ½, через трое суток — ¼"),
        new("В", "без возвратов", 0.10, "1 − возвратов на доработку ÷ (исполнено + возвратов)"),
        new("К", "качество", 0.10, "(средняя оценка − 1) ÷ 4: оценка 5 — 1, оценка 1 — 0"),
    ];

    /// <summary>The median time to accept that scores ½: a day's wait halves the part.</summary>
    public static readonly TimeSpan AcceptHalfScore = TimeSpan.FromHours(24);

    /// <summary>«Индекс = 100 × (0,40·С + 0,25·П + …) ÷ (сумма весов имеющихся составляющих)», written from <see cref="Parts"/>.</summary>
    public static string Rule => "Индекс = 100 × (" +
        string.Join(" + ", Parts.Select(p => p.Weight.ToString("0.00", System.Globalization.CultureInfo.GetCultureInfo("ru-RU")) + "·" + p.Letter)) +
        ") ÷ (сумма весов имеющихся составляющих), от 0 до 100.";
    public const string Missing = "Составляющая без данных (ничего не исполнено, не поступило, не принято, нет оценок) не учитывается, " +
        "её вес делится между остальными. Подразделение, которое за период ничего не получило и не исполнило, не оценивается " +
        "и стоит в конце. При равном индексе место общее.";

    /// <summary>The whole formula in one paragraph (the exports' «Отчёт» sheet).</summary>
    public static string Formula => Rule + " " + string.Join("; ", Parts.Select(p => $"{p.Letter} ({p.Name}) = {p.Definition}")) + ". " + Missing;

    public const string NotRated = "не оценивается";

    private static readonly StringComparer ByName = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"), ignoreCase: false);

    public static IReadOnlyList<RatedDepartment> Rate(IEnumerable<DepartmentFigures> figures)
    {
        var all = figures.Select(f => (Figures: f, Components: ComponentsOf(f))).ToList();
        var rated = all.Where(x => IsRatable(x.Figures))
            .Select(x => (x.Figures, x.Components, Index: IndexOf(x.Components)))
            .OrderByDescending(x => x.Index).ThenBy(x => x.Figures.Name, ByName).ToList();
        var result = new List<RatedDepartment>(all.Count);
        for (var i = 0; i < rated.Count; i++)
        {
            // Competition ranking: a tie takes the place of the first of the tied, the next one skips as many places.
            var place = i > 0 && rated[i].Index == rated[i - 1].Index ? result[i - 1].Place : i + 1;
            result.Add(new RatedDepartment(place, rated[i].Figures, rated[i].Index, rated[i].Components));
        }
        result.AddRange(all.Where(x => !IsRatable(x.Figures)).OrderBy(x => x.Figures.Name, ByName)
            .Select(x => new RatedDepartment(null, x.Figures, null, x.Components)));
        return result;
    }

    /// <summary>A department is rated when it received or completed something in the period.</summary>
    public static bool IsRatable(DepartmentFigures f) => f.Received > 0 || f.Done > 0;

    public static RatingComponents ComponentsOf(DepartmentFigures f) => new(
        OnTime: f.Done == 0 ? null : (double)f.DoneOnTime / f.Done,
        NoOverdue: f.Received == 0 ? null : Math.Max(0, 1 - (double)f.OverdueNow / f.Received),
        AcceptSpeed: f.MedianToAccept is { } median ? AcceptHalfScore / (AcceptHalfScore + median) : null,
        NoReturns: f.Done + f.Returns == 0 ? null : 1 - (double)f.Returns / (f.Done + f.Returns),
        Quality: f.MeanMark is { } mark ? (mark - 1) / 4 : null);

    /// <summary>The weighted mean of the parts there are, 0–100 to one decimal; null when there is none (never rated then).</summary>
    public static double? IndexOf(RatingComponents c)
    {
        double?[] values = [c.OnTime, c.NoOverdue, c.AcceptSpeed, c.NoReturns, c.Quality];
        var present = values.Zip(Parts, (value, part) => (Part: value, part.Weight)).Where(p => p.Part is not null).ToList();
        if (present.Count == 0) return null;
        var index = 100 * present.Sum(p => p.Weight * p.Part!.Value) / present.Sum(p => p.Weight);
        return Math.Round(index, 1, MidpointRounding.AwayFromZero);
    }
}
