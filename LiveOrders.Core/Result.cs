namespace LiveOrders.Core;

public enum Failure
{
    None,
    /// <summary>The input breaks a rule; the message says which, <see cref="Result.Field"/> says where.</summary>
    Invalid,
    /// <summary>Absent, or not visible to this person: the two look the same from outside, on purpose.</summary>
    NotFound,
    Forbidden,
    /// <summary>Someone else changed it first; reload and try again.</summary>
    Conflict,
}

/// <summary>What a use case tells the UI: success, or a Russian message to show. Components never see exceptions.</summary>
public record Result(Failure Failure = Failure.None, string? Message = null, string? Field = null)
{
    public bool Ok => Failure == Failure.None;
    public static readonly Result Success = new();
    public static Result Invalid(string message, string? field = null) => new(Failure.Invalid, message, field);
    public static Result NotFound() => new(Failure.NotFound, "Поручение не найдено или у вас нет к нему доступа.");
    public static Result Forbidden(string message) => new(Failure.Forbidden, message);
    public static Result Conflict(string message) => new(Failure.Conflict, message);
}

public sealed record Result<T>(T? Value, Failure Failure = Failure.None, string? Message = null, string? Field = null)
    : Result(Failure, Message, Field)
{
    public static implicit operator Result<T>(T value) => new(value);
    public static Result<T> From(Result failure) => new(default, failure.Failure, failure.Message, failure.Field);
}
