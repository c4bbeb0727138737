namespace LiveOrders.Core.Reports;

/// <summary>
/// One department's figures for a period (<see cref="ReportQueries.DepartmentFiguresAsync"/> states each definition).
/// Counts are zero for a period without data; a mean, median or rate over nothing is null («—»), never a division by zero.
/// </summary>
public sealed record DepartmentFigures(
    int DepartmentId,
    string Name,
    int Received,
    int Done,
    int DoneOnTime,
    int OverdueNow,
    TimeSpan? MeanToAccept,
    TimeSpan? MedianToAccept,
    TimeSpan? MeanToComplete,
    TimeSpan? MedianToComplete,
    int Forwards,
    int Returns,
    int ExtensionsAsked,
    int ExtensionsGranted,
    double? MeanMark)
{
    /// <summary>Share of the orders done in the period that were done on time; null when none were done.</summary>
    public double? OnTimeRate => Done == 0 ? null : (double)DoneOnTime / Done;

    /// <summary>Forwards out of the department per order it received in the period; 0 when it received none.</summary>
    public double ForwardsPerOrder => Received == 0 ? 0 : (double)Forwards / Received;
}
