import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { STAFF_ROLES, type StaffRole } from '../../../identity/roles.js';
import { MIN_PASSWORD_LENGTH, newStaffPassword } from '../../../identity/staff-accounts.js';
import {
  accessFor,
  changeStaffAccess,
  createStaffByAdmin,
  getStaffListing,
  listStaffAccounts,
  type StaffAdministrator,
  setStaffActive,
} from '../../../identity/staff-admin.js';
import { isDomainError } from '../../../platform/domain-error.js';
import type { FieldError } from '../../../platform/html/components.js';
import { CONSOLE } from '../../../platform/i18n/console-messages.js';
import { requireNational } from '../access.js';
import type { ConsoleContext } from '../context.js';
import { seeOther, sendConsolePage } from '../pages/frame.js';
import {
  createStaffPage,
  editStaffPage,
  type StaffForm,
  staffCreatedPage,
  staffListPage,
} from '../pages/staff.js';

const StaffParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const AccessBody = Type.Object({ rol: Text(40), unidad: Text(40) });

const errors = CONSOLE.staff.errors;

/** The domain's refusals of a form, as the field they are about and what to fix. */
const FIELD_OF_CODE: Record<string, FieldError> = {
  INVALID_EMAIL: { field: 'correo', message: errors.email },
  STAFF_EMAIL_TAKEN: { field: 'correo', message: errors.emailTaken },
  UNIT_REQUIRED: { field: 'unidad', message: errors.unitRequired },
  UNIT_NOT_FOUND: { field: 'unidad', message: errors.unitNotFound },
  PASSWORD_TOO_SHORT: { field: 'clave', message: errors.password(MIN_PASSWORD_LENGTH) },
};

const asRole = (value: string | undefined): StaffRole =>
  STAFF_ROLES.includes(value as StaffRole) ? (value as StaffRole) : 'agent';

/** National administrators manage console accounts; every change is audited by the domain. */
export function staffRoutes(app: FastifyInstance, context: ConsoleContext) {
  const { db, clock } = context;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const administrator = (request: FastifyRequest): StaffAdministrator => ({
    staffId: requireNational(request, 'staff.manage').id,
    channel: 'console',
    sourceIp: request.ip,
  });

  api.get(
    '/consola/personal',
    { schema: { querystring: Type.Object({ hecho: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      requireNational(request, 'staff.manage');
      const accounts = await listStaffAccounts(db);
      return sendConsolePage(context, request, reply, staffListPage(accounts, request.query.hecho));
    },
  );

  app.get('/consola/personal/nueva', async (request, reply) => {
    requireNational(request, 'staff.manage');
    const session = await context.sessions.ensure(request, reply);
    const form: StaffForm = { name: '', email: '', role: 'agent', unit: '' };
    return sendConsolePage(
      context,
      request,
      reply,
      createStaffPage({ csrfToken: session.csrfToken, form, errors: [], minPassword: MIN_PASSWORD_LENGTH }),
    );
  });

  api.post(
    '/consola/personal',
    {
      schema: {
        body: Type.Object({
          nombre: Text(200),
          correo: Text(200),
          rol: Text(40),
          unidad: Text(40),
          clave: Text(200),
        }),
      },
    },
    async (request, reply) => {
      const by = administrator(request);
      const body = request.body;
      const form: StaffForm = {
        name: body.nombre?.trim() ?? '',
        email: body.correo?.trim() ?? '',
        role: asRole(body.rol),
        unit: body.unidad?.trim().toUpperCase() ?? '',
      };
      const typed = body.clave ?? '';
      const fieldErrors: FieldError[] = [];
      if (!form.name) fieldErrors.push({ field: 'nombre', message: errors.name });
      if (typed && typed.length < MIN_PASSWORD_LENGTH)
        fieldErrors.push({ field: 'clave', message: errors.password(MIN_PASSWORD_LENGTH) });
      const again = (found: FieldError[]) =>
        sendConsolePage(
          context,
          request,
          reply,
          createStaffPage({
            csrfToken: request.session?.csrfToken ?? '',
            form,
            errors: found,
            minPassword: MIN_PASSWORD_LENGTH,
          }),
        );
      if (fieldErrors.length) return again(fieldErrors);
      const generated = typed ? null : newStaffPassword();
      try {
        const account = await createStaffByAdmin(db, by, {
          email: form.email,
          name: form.name,
          access: accessFor(form.role as StaffRole, form.unit || null),
          password: typed || (generated as string),
        });
        const listing = await getStaffListing(db, account.id);
        return sendConsolePage(context, request, reply, staffCreatedPage(listing, generated));
      } catch (error) {
        const known = isDomainError(error) ? FIELD_OF_CODE[error.code] : undefined;
        if (!known) throw error;
        return again([known]);
      }
    },
  );

  api.get(
    '/consola/personal/:id',
    {
      schema: {
        params: StaffParams,
        querystring: Type.Object({ hecho: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const me = requireNational(request, 'staff.manage');
      const account = await getStaffListing(db, request.params.id);
      const session = await context.sessions.ensure(request, reply);
      return sendConsolePage(
        context,
        request,
        reply,
        editStaffPage({
          account,
          csrfToken: session.csrfToken,
          isSelf: account.id === me.id,
          done: request.query.hecho,
        }),
      );
    },
  );

  api.post(
    '/consola/personal/:id/rol',
    { schema: { params: StaffParams, body: AccessBody } },
    async (request, reply) => {
      const by = administrator(request);
      const form = { role: asRole(request.body.rol), unit: request.body.unidad?.trim().toUpperCase() ?? '' };
      try {
        await changeStaffAccess(db, by, request.params.id, accessFor(form.role, form.unit || null));
        return seeOther(reply, `/consola/personal/${request.params.id}?hecho=rol`);
      } catch (error) {
        const known = isDomainError(error) ? FIELD_OF_CODE[error.code] : undefined;
        if (!known) throw error;
        const account = await getStaffListing(db, request.params.id);
        return sendConsolePage(
          context,
          request,
          reply,
          editStaffPage({
            account,
            csrfToken: request.session?.csrfToken ?? '',
            isSelf: account.id === by.staffId,
            form,
            errors: [known],
          }),
        );
      }
    },
  );

  api.post(
    '/consola/personal/:id/estado',
    {
      schema: {
        params: StaffParams,
        body: Type.Object({ activa: Type.Union([Type.Literal('si'), Type.Literal('no')]) }),
      },
    },
    async (request, reply) => {
      const by = administrator(request);
      const active = request.body.activa === 'si';
      await setStaffActive(db, by, request.params.id, active, clock());
      return seeOther(
        reply,
        `/consola/personal/${request.params.id}?hecho=${active ? 'activada' : 'desactivada'}`,
      );
    },
  );
}
