/** A bulletin about an incident (通报 of a case): the link, so each leads to the other. */
export interface SharingLinkTables {
  bulletin_incidents: BulletinIncidentsTable;
}

export interface BulletinIncidentsTable {
  bulletin_id: string;
  incident_id: string;
}
