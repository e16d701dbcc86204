import type { ApiContext } from './context.js';
import { agendaRoutes } from './routes/agenda.js';
import { appointmentRoutes } from './routes/appointments.js';
import { availabilityRoutes } from './routes/availability.js';
import { beneficiaryRoutes } from './routes/beneficiaries.js';
import { catalogRoutes } from './routes/catalog.js';
import { openapiRoutes } from './routes/openapi.js';

export function registerApi(context: ApiContext) {
  catalogRoutes(context);
  availabilityRoutes(context);
  beneficiaryRoutes(context);
  appointmentRoutes(context);
  agendaRoutes(context);
  openapiRoutes(context);
}
