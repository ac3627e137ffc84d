namespace HotlineDispatch.Departments;

/// <summary>A city department tickets are dispatched to; <see cref="Scope"/> is what it is responsible for.</summary>
public sealed record Department(string Code, string Name, string NameEn, string Scope);
