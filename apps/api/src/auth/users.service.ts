import { Injectable } from '@nestjs/common';
import type { TCreateUserRequest, TUpdateUserRequest, TUserAccount } from '@atelier/domain';
import { conflict, notFound } from '../common/api-exception';
import { AccountsRepository } from './accounts.repository';
import { toAccount } from './auth.service';
import { hashPassword } from './credentials';
import type { Principal } from './principal';

/** Instance admins manage users: create, disable, make admin. */
@Injectable()
export class UsersService {
  constructor(private readonly accounts: AccountsRepository) {}

  async list(): Promise<TUserAccount[]> {
    return (await this.accounts.listUsers()).map(toAccount);
  }

  async create(request: TCreateUserRequest): Promise<TUserAccount> {
    const row = await this.accounts.createUser({
      email: request.email,
      name: request.name,
      passwordHash: await hashPassword(request.password),
      isAdmin: request.isAdmin,
    });
    if (!row) throw conflict(`A user with the email '${request.email}' exists already.`);
    return toAccount(row);
  }

  async update(principal: Principal, id: string, patch: TUpdateUserRequest): Promise<TUserAccount> {
    const user = await this.accounts.findById(id);
    if (!user) throw notFound(`No user has the id '${id}'.`);
    // An admin cannot lock the instance out by disabling or demoting themselves.
    if (id === principal.user.id && (patch.disabled === true || patch.isAdmin === false)) {
      throw conflict('you cannot disable or demote yourself: another admin can');
    }
    const row = await this.accounts.updateUser(id, {
      ...(patch.disabled !== undefined ? { disabledAt: patch.disabled ? (user.disabledAt ?? new Date()) : null } : {}),
      ...(patch.isAdmin !== undefined ? { isAdmin: patch.isAdmin } : {}),
    });
    if (patch.disabled) await this.accounts.deleteSessionsOf(id);
    return toAccount(row);
  }
}
