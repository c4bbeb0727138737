namespace LiveOrders.Core.Reports;

/// <summary>How long one point of a trend is: a Monday-to-Sunday week, or a calendar month (for periods longer than a year).</summary>
public enum TrendStep
{
    Week,
    Month,
}
