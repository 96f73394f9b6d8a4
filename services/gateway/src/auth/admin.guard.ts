import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@docpipe/platform';
import { ApiError } from '../errors/api-error';
import { TenantAdminGuard } from './tenant-admin.guard';

/** Whether a principal opens the installation's admin routes: the admin scope, and not from a key made at run time. */
export function isInstallationAdmin(principal: Principal): boolean {
  return principal.scopes.includes('admin') && principal.keyId === undefined;
}

/**
 * Admin routes see every tenant's data: only the keys of ADMIN_API_KEYS and tokens with a role mapped to admin
 * open them. A tenant's key or a token without that role is known but forbidden (403), and so is a key made at run
 * time with the admin scope: it administers its own tenant (TenantAdminGuard: webhooks), or an operator handing a
 * tenant its webhooks key would hand it every tenant's keys too.
 */
@Injectable()
export class AdminGuard extends TenantAdminGuard {
  protected override readonly hint = 'use a key from ADMIN_API_KEYS, or a token with a role OIDC_ROLE_SCOPES maps to admin';

  protected override refuseOther(principal: Principal): void {
    if (isInstallationAdmin(principal)) return;
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'forbidden',
      `A key made with POST /api/v1/admin/api-keys administers its own tenant (webhooks) only; for the installation's admin routes ${this.hint}`,
    );
  }
}
