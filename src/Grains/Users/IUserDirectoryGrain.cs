namespace HotlineDispatch.Users;

/// <summary>The users an admin manages at run time (those from configuration are not stored here).</summary>
[Alias("hotline.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The single directory's key; not a hex number, as Orleans string keys must not be.</summary>
    public const string Key = "directory";

    [Alias("List")]
    Task<IReadOnlyList<UserAccount>> List();

    /// <summary>Adds or replaces the user of that name; a replaced user keeps its id, an added one gets a new one.</summary>
    [Alias("Save")]
    Task Save(UserAccount user);

    [Alias("Remove")]
    Task<bool> Remove(string name);
}
