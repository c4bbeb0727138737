namespace LiveOrders.Core.Reports;

/// <summary>
/// «Справка об исполнительской дисциплине» as data, ready for the PDF and the xlsx: the header, the figures of each
/// department (the reports page's, <see cref="ReportQueries.DepartmentFiguresAsync"/>), a summary in words, the orders
/// overdue at the moment it was made and the orders done late in the period. Dates are local (the municipality's zone).
/// </summary>
public sealed record DisciplineReport(
    DisciplineHeader Header,
    IReadOnlyList<DepartmentFigures> Figures,
    DisciplineTotals Totals,
    string Summary,
    IReadOnlyList<LateOrder> OverdueNow,
    IReadOnlyList<LateOrder> DoneLate)
{
    public const string Title = "Справка об исполнительской дисциплине";
    public const string ControlHead = "Начальник отдела контроля";
    public const string SignatureBlank = "____________ / ____________ /";
    public const string DateBlank = "«____» ______________ 20___ г.";
    public const string NoneListed = "Нет.";
}

/// <param name="Organisation">The administration's name (the root of the department tree), or null when there is none.</param>
/// <param name="Period">The period in words: «за март 2026 г.», «за I квартал 2026 г.», «за период с 01.03.2026 по 15.03.2026».</param>
/// <param name="Departments">The department's full name, or «все подразделения».</param>
/// <param name="MadeAt">When it was made, local time: the moment «overdue now» refers to.</param>
public sealed record DisciplineHeader(string? Organisation, string Period, string Departments, DateTime MadeAt);

/// <summary>The sums over the departments of the table (arrivals are counted per department, as in each row).</summary>
public sealed record DisciplineTotals(int Received, int Done, int DoneOnTime, int OverdueNow)
{
    public int DoneLate => Done - DoneOnTime;
    public double? OnTimeRate => Done == 0 ? null : (double)DoneOnTime / Done;
}

/// <summary>
/// An order late now or done late. <paramref name="Delay"/>: for one overdue now, from its due time to the moment the
/// справка was made; for one done late, from its due time to its report ((SubmittedAt ?? CompletedAt), the figures' "on time" rule).
/// </summary>
public sealed record LateOrder(int Id, string Number, string Title, string Department, DateTime DueAt, TimeSpan Delay, string? DelayReason);
