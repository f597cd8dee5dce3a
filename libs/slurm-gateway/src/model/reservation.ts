/** An advance reservation. */
export interface Reservation {
  cluster: string;
  name: string;
  nodes: string[];
  nodeList: string | null;
  nodeCount: number;
  coreCount: number | null;
  startTime: number | null;
  endTime: number | null;
  users: string[];
  accounts: string[];
  partition: string | null;
  flags: string[];
  features: string | null;
}
