namespace LiveOrders.Core.Delays;

/// <summary>
/// One entry of the list of reasons for a delay (причина просрочки) that an overdue order's report or extension request
/// names. An administrator keeps the list; a reason once used is never deleted (the history points at it), only retired.
/// </summary>
public sealed class DelayReason
{
    public const int NameMaxLength = 200;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Offered in the dialogs; a retired reason stays readable in the history and the reports.</summary>
    public bool IsActive { get; private set; } = true;

    private DelayReason() { }

    internal DelayReason(int id, string name)
    {
        Id = id;
        Name = name;
    }

    public static DelayReason Create(string? name) => new() { Name = CheckName(name) };

    public void Rename(string? name) => Name = CheckName(name);

    public void SetActive(bool active) => IsActive = active;

    /// <summary>The list the system starts with (the usual causes a control department records).</summary>
    internal static readonly IReadOnlyList<DelayReason> Shipped =
    [
        new(1, "Не поступили сведения от других органов"),
        new(2, "Недостаточно ресурсов"),
        new(3, "Требуется согласование"),
        new(4, "Технические причины"),
        new(5, "Иное"),
    ];

    internal static string CheckName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) throw new Orders.OrderRuleException("Укажите причину просрочки, например «Требуется согласование».", "name");
        if (trimmed.Length > NameMaxLength)
            throw new Orders.OrderRuleException($"Название причины длиннее {NameMaxLength} символов.", "name");
        if (trimmed.Any(char.IsControl))
            throw new Orders.OrderRuleException("Название причины содержит недопустимые (управляющие) символы.", "name");
        return trimmed;
    }
}
