namespace HotlineDispatch.Users;

public sealed class UserDirectoryGrain(
    [PersistentState("users", StorageNames.Hotline)] IPersistentState<List<UserAccount>> users)
    : Grain, IUserDirectoryGrain
{
    public Task<IReadOnlyList<UserAccount>> List() => Task.FromResult<IReadOnlyList<UserAccount>>(users.State.ToList());

    public async Task Save(UserAccount user)
    {
        users.State.RemoveAll(u => u.Name == user.Name);
        users.State.Add(user);
        await users.WriteStateAsync();
    }

    public async Task<bool> Remove(string name)
    {
        if (users.State.RemoveAll(u => u.Name == name) == 0)
        {
            return false;
        }

        await users.WriteStateAsync();
        return true;
    }
}
