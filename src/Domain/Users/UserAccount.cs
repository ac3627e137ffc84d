namespace HotlineDispatch.Users;

/// <summary>
/// A person who signs in with a bearer token. Only the token's SHA-256 is kept, so no secret is stored.
/// <see cref="Department"/> binds a department handler, <see cref="GridCell"/> a grid worker.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.user-account.v1")]
public sealed record UserAccount(
    [property: Id(0)] string Name,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Department,
    [property: Id(3)] string? GridCell,
    [property: Id(4)] string TokenSha256)
{
    /// <summary>
    /// Who this account is for good, unlike its name: a user deleted and created again under the same name
    /// is someone else, and must not inherit what the first one alone may see (anonymous reporters).
    /// </summary>
    [Id(5)] public string? Id { get; init; }
}
