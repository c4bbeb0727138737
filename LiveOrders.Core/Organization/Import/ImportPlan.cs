namespace LiveOrders.Core.Organization.Import;

public enum ImportAction
{
    Create,
    Update,
    Unchanged,
    Error,
    /// <summary>The administrator chose to leave this row out: it is neither checked against the others nor imported.</summary>
    Skipped,
}

public static class ImportActionNames
{
    public static string Russian(this ImportAction action) => action switch
    {
        ImportAction.Create => "создать",
        ImportAction.Update => "изменить",
        ImportAction.Unchanged => "без изменений",
        ImportAction.Error => "ошибка",
        ImportAction.Skipped => "пропустить",
        _ => action.ToString(),
    };
}

/// <summary>What importing one row would do: its changes («поле: было → стало») or its errors, in Russian.</summary>
public sealed record ImportRowPlan(RowRef Ref, string Subject, ImportAction Action, IReadOnlyList<string> Changes, IReadOnlyList<string> Errors);

/// <summary>The preview of an import: every row of the file, in the file's order (departments first).</summary>
public sealed record ImportPlan(string FileName, IReadOnlyList<ImportRowPlan> Rows)
{
    public int Errors => Rows.Count(r => r.Action == ImportAction.Error);
    public int ToCreate => Rows.Count(r => r.Action == ImportAction.Create);
    public int ToChange => Rows.Count(r => r.Action == ImportAction.Update);

    /// <summary>Nothing is imported while a row that is not skipped has an error; a file that changes nothing has nothing to import.</summary>
    public bool CanApply => Errors == 0 && ToCreate + ToChange > 0;
}

/// <summary>A person the import created, with the one-time password to hand over (shown once, never stored in clear).</summary>
public sealed record NewAccount(string Login, string FullName, string Department, string Password);

/// <summary>What an import did.</summary>
public sealed record ImportOutcome(int Created, int Changed, IReadOnlyList<NewAccount> Accounts);
